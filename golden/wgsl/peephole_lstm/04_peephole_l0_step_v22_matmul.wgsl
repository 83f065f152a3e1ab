// peephole_l0_step_v22_matmul: one time step of peephole_l0: U_i|U_f|U_c|U_o @ h (peephole_lstm.cell:27)
// a [rows, depth] x [depth, 80] product; each thread computes 4x4 outputs in registers

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let rows = sizes.B;
  let depth = 20u;
  let row0 = gid.y * 4u;
  let col0 = gid.x * 4u;
  if (row0 >= rows || col0 >= 80u) { return; }
  // clamp reads at the edges; only in-range results are written
  let r0 = min(row0 + 0u, rows - 1u);
  let r1 = min(row0 + 1u, rows - 1u);
  let r2 = min(row0 + 2u, rows - 1u);
  let r3 = min(row0 + 3u, rows - 1u);
  let c0 = min(col0 + 0u, 79u);
  let c1 = min(col0 + 1u, 79u);
  let c2 = min(col0 + 2u, 79u);
  let c3 = min(col0 + 3u, 79u);
  var acc0 = vec4f(0.0);
  var acc1 = vec4f(0.0);
  var acc2 = vec4f(0.0);
  var acc3 = vec4f(0.0);
  for (var k = 0u; k < depth; k++) {
    let w = vec4f(work_buf[130u * sizes.B * sizes.T + 40u * sizes.B + c0 * 20u + k], work_buf[130u * sizes.B * sizes.T + 40u * sizes.B + c1 * 20u + k], work_buf[130u * sizes.B * sizes.T + 40u * sizes.B + c2 * 20u + k], work_buf[130u * sizes.B * sizes.T + 40u * sizes.B + c3 * 20u + k]);
    acc0 += work_buf[90u * sizes.B * sizes.T + read_slot * 20u * sizes.B + r0 * 20u + k] * w;
    acc1 += work_buf[90u * sizes.B * sizes.T + read_slot * 20u * sizes.B + r1 * 20u + k] * w;
    acc2 += work_buf[90u * sizes.B * sizes.T + read_slot * 20u * sizes.B + r2 * 20u + k] * w;
    acc3 += work_buf[90u * sizes.B * sizes.T + read_slot * 20u * sizes.B + r3 * 20u + k] * w;
  }
  if (row0 + 0u < rows) { if (col0 + 0u < 80u) { work_buf[130u * sizes.B * sizes.T + 40u * sizes.B + 1600u + (row0 + 0u) * 80u + col0 + 0u] = acc0[0]; } if (col0 + 1u < 80u) { work_buf[130u * sizes.B * sizes.T + 40u * sizes.B + 1600u + (row0 + 0u) * 80u + col0 + 1u] = acc0[1]; } if (col0 + 2u < 80u) { work_buf[130u * sizes.B * sizes.T + 40u * sizes.B + 1600u + (row0 + 0u) * 80u + col0 + 2u] = acc0[2]; } if (col0 + 3u < 80u) { work_buf[130u * sizes.B * sizes.T + 40u * sizes.B + 1600u + (row0 + 0u) * 80u + col0 + 3u] = acc0[3]; } }
  if (row0 + 1u < rows) { if (col0 + 0u < 80u) { work_buf[130u * sizes.B * sizes.T + 40u * sizes.B + 1600u + (row0 + 1u) * 80u + col0 + 0u] = acc1[0]; } if (col0 + 1u < 80u) { work_buf[130u * sizes.B * sizes.T + 40u * sizes.B + 1600u + (row0 + 1u) * 80u + col0 + 1u] = acc1[1]; } if (col0 + 2u < 80u) { work_buf[130u * sizes.B * sizes.T + 40u * sizes.B + 1600u + (row0 + 1u) * 80u + col0 + 2u] = acc1[2]; } if (col0 + 3u < 80u) { work_buf[130u * sizes.B * sizes.T + 40u * sizes.B + 1600u + (row0 + 1u) * 80u + col0 + 3u] = acc1[3]; } }
  if (row0 + 2u < rows) { if (col0 + 0u < 80u) { work_buf[130u * sizes.B * sizes.T + 40u * sizes.B + 1600u + (row0 + 2u) * 80u + col0 + 0u] = acc2[0]; } if (col0 + 1u < 80u) { work_buf[130u * sizes.B * sizes.T + 40u * sizes.B + 1600u + (row0 + 2u) * 80u + col0 + 1u] = acc2[1]; } if (col0 + 2u < 80u) { work_buf[130u * sizes.B * sizes.T + 40u * sizes.B + 1600u + (row0 + 2u) * 80u + col0 + 2u] = acc2[2]; } if (col0 + 3u < 80u) { work_buf[130u * sizes.B * sizes.T + 40u * sizes.B + 1600u + (row0 + 2u) * 80u + col0 + 3u] = acc2[3]; } }
  if (row0 + 3u < rows) { if (col0 + 0u < 80u) { work_buf[130u * sizes.B * sizes.T + 40u * sizes.B + 1600u + (row0 + 3u) * 80u + col0 + 0u] = acc3[0]; } if (col0 + 1u < 80u) { work_buf[130u * sizes.B * sizes.T + 40u * sizes.B + 1600u + (row0 + 3u) * 80u + col0 + 1u] = acc3[1]; } if (col0 + 2u < 80u) { work_buf[130u * sizes.B * sizes.T + 40u * sizes.B + 1600u + (row0 + 3u) * 80u + col0 + 2u] = acc3[2]; } if (col0 + 3u < 80u) { work_buf[130u * sizes.B * sizes.T + 40u * sizes.B + 1600u + (row0 + 3u) * 80u + col0 + 3u] = acc3[3]; } }
}
