// matmul_logits: out_weight @ h + bias (bilstm_tagger.cell:38)
// a [rows, depth] x [depth, 2] product; each thread computes 16x4 outputs in registers

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;
@group(0) @binding(2) var<storage, read> params_buf: array<f32>;

override workgroup_x: u32 = 1u; // the workgroup's shape, chosen per adapter
override workgroup_y: u32 = 64u;
override workgroup_z: u32 = 1u;
@compute @workgroup_size(workgroup_x, workgroup_y, workgroup_z)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let rows = sizes.B * sizes.T;
  let depth = 96u;
  let row0 = gid.y * 16u;
  let col0 = gid.x * 4u;
  if (row0 >= rows || col0 >= 2u) { return; }
  // clamp reads at the edges; only in-range results are written
  let r0 = min(row0 + 0u, rows - 1u);
  let r1 = min(row0 + 1u, rows - 1u);
  let r2 = min(row0 + 2u, rows - 1u);
  let r3 = min(row0 + 3u, rows - 1u);
  let r4 = min(row0 + 4u, rows - 1u);
  let r5 = min(row0 + 5u, rows - 1u);
  let r6 = min(row0 + 6u, rows - 1u);
  let r7 = min(row0 + 7u, rows - 1u);
  let r8 = min(row0 + 8u, rows - 1u);
  let r9 = min(row0 + 9u, rows - 1u);
  let r10 = min(row0 + 10u, rows - 1u);
  let r11 = min(row0 + 11u, rows - 1u);
  let r12 = min(row0 + 12u, rows - 1u);
  let r13 = min(row0 + 13u, rows - 1u);
  let r14 = min(row0 + 14u, rows - 1u);
  let r15 = min(row0 + 15u, rows - 1u);
  let c0 = min(col0 + 0u, 1u);
  let c1 = min(col0 + 1u, 1u);
  let c2 = min(col0 + 2u, 1u);
  let c3 = min(col0 + 3u, 1u);
  var acc0_0 = vec4f(0.0);
  var acc1_0 = vec4f(0.0);
  var acc2_0 = vec4f(0.0);
  var acc3_0 = vec4f(0.0);
  var acc4_0 = vec4f(0.0);
  var acc5_0 = vec4f(0.0);
  var acc6_0 = vec4f(0.0);
  var acc7_0 = vec4f(0.0);
  var acc8_0 = vec4f(0.0);
  var acc9_0 = vec4f(0.0);
  var acc10_0 = vec4f(0.0);
  var acc11_0 = vec4f(0.0);
  var acc12_0 = vec4f(0.0);
  var acc13_0 = vec4f(0.0);
  var acc14_0 = vec4f(0.0);
  var acc15_0 = vec4f(0.0);
  for (var k = 0u; k < depth; k += 1u) {
    let w0 = vec4f(params_buf[256u + c0 * 96u + k], params_buf[256u + c1 * 96u + k], params_buf[256u + c2 * 96u + k], params_buf[256u + c3 * 96u + k]);
    let a0 = work_buf[12u * sizes.B * sizes.T + 4u * sizes.B + 4u + r0 * 96u + k];
    acc0_0 += a0 * w0;
    let a1 = work_buf[12u * sizes.B * sizes.T + 4u * sizes.B + 4u + r1 * 96u + k];
    acc1_0 += a1 * w0;
    let a2 = work_buf[12u * sizes.B * sizes.T + 4u * sizes.B + 4u + r2 * 96u + k];
    acc2_0 += a2 * w0;
    let a3 = work_buf[12u * sizes.B * sizes.T + 4u * sizes.B + 4u + r3 * 96u + k];
    acc3_0 += a3 * w0;
    let a4 = work_buf[12u * sizes.B * sizes.T + 4u * sizes.B + 4u + r4 * 96u + k];
    acc4_0 += a4 * w0;
    let a5 = work_buf[12u * sizes.B * sizes.T + 4u * sizes.B + 4u + r5 * 96u + k];
    acc5_0 += a5 * w0;
    let a6 = work_buf[12u * sizes.B * sizes.T + 4u * sizes.B + 4u + r6 * 96u + k];
    acc6_0 += a6 * w0;
    let a7 = work_buf[12u * sizes.B * sizes.T + 4u * sizes.B + 4u + r7 * 96u + k];
    acc7_0 += a7 * w0;
    let a8 = work_buf[12u * sizes.B * sizes.T + 4u * sizes.B + 4u + r8 * 96u + k];
    acc8_0 += a8 * w0;
    let a9 = work_buf[12u * sizes.B * sizes.T + 4u * sizes.B + 4u + r9 * 96u + k];
    acc9_0 += a9 * w0;
    let a10 = work_buf[12u * sizes.B * sizes.T + 4u * sizes.B + 4u + r10 * 96u + k];
    acc10_0 += a10 * w0;
    let a11 = work_buf[12u * sizes.B * sizes.T + 4u * sizes.B + 4u + r11 * 96u + k];
    acc11_0 += a11 * w0;
    let a12 = work_buf[12u * sizes.B * sizes.T + 4u * sizes.B + 4u + r12 * 96u + k];
    acc12_0 += a12 * w0;
    let a13 = work_buf[12u * sizes.B * sizes.T + 4u * sizes.B + 4u + r13 * 96u + k];
    acc13_0 += a13 * w0;
    let a14 = work_buf[12u * sizes.B * sizes.T + 4u * sizes.B + 4u + r14 * 96u + k];
    acc14_0 += a14 * w0;
    let a15 = work_buf[12u * sizes.B * sizes.T + 4u * sizes.B + 4u + r15 * 96u + k];
    acc15_0 += a15 * w0;
  }
  if (row0 + 0u < rows) { if (col0 + 0u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 0u) * 2u + col0 + 0u] = acc0_0[0] + params_buf[448u + c0]; } if (col0 + 1u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 0u) * 2u + col0 + 1u] = acc0_0[1] + params_buf[448u + c1]; } if (col0 + 2u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 0u) * 2u + col0 + 2u] = acc0_0[2] + params_buf[448u + c2]; } if (col0 + 3u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 0u) * 2u + col0 + 3u] = acc0_0[3] + params_buf[448u + c3]; } }
  if (row0 + 1u < rows) { if (col0 + 0u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 1u) * 2u + col0 + 0u] = acc1_0[0] + params_buf[448u + c0]; } if (col0 + 1u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 1u) * 2u + col0 + 1u] = acc1_0[1] + params_buf[448u + c1]; } if (col0 + 2u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 1u) * 2u + col0 + 2u] = acc1_0[2] + params_buf[448u + c2]; } if (col0 + 3u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 1u) * 2u + col0 + 3u] = acc1_0[3] + params_buf[448u + c3]; } }
  if (row0 + 2u < rows) { if (col0 + 0u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 2u) * 2u + col0 + 0u] = acc2_0[0] + params_buf[448u + c0]; } if (col0 + 1u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 2u) * 2u + col0 + 1u] = acc2_0[1] + params_buf[448u + c1]; } if (col0 + 2u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 2u) * 2u + col0 + 2u] = acc2_0[2] + params_buf[448u + c2]; } if (col0 + 3u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 2u) * 2u + col0 + 3u] = acc2_0[3] + params_buf[448u + c3]; } }
  if (row0 + 3u < rows) { if (col0 + 0u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 3u) * 2u + col0 + 0u] = acc3_0[0] + params_buf[448u + c0]; } if (col0 + 1u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 3u) * 2u + col0 + 1u] = acc3_0[1] + params_buf[448u + c1]; } if (col0 + 2u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 3u) * 2u + col0 + 2u] = acc3_0[2] + params_buf[448u + c2]; } if (col0 + 3u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 3u) * 2u + col0 + 3u] = acc3_0[3] + params_buf[448u + c3]; } }
  if (row0 + 4u < rows) { if (col0 + 0u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 4u) * 2u + col0 + 0u] = acc4_0[0] + params_buf[448u + c0]; } if (col0 + 1u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 4u) * 2u + col0 + 1u] = acc4_0[1] + params_buf[448u + c1]; } if (col0 + 2u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 4u) * 2u + col0 + 2u] = acc4_0[2] + params_buf[448u + c2]; } if (col0 + 3u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 4u) * 2u + col0 + 3u] = acc4_0[3] + params_buf[448u + c3]; } }
  if (row0 + 5u < rows) { if (col0 + 0u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 5u) * 2u + col0 + 0u] = acc5_0[0] + params_buf[448u + c0]; } if (col0 + 1u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 5u) * 2u + col0 + 1u] = acc5_0[1] + params_buf[448u + c1]; } if (col0 + 2u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 5u) * 2u + col0 + 2u] = acc5_0[2] + params_buf[448u + c2]; } if (col0 + 3u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 5u) * 2u + col0 + 3u] = acc5_0[3] + params_buf[448u + c3]; } }
  if (row0 + 6u < rows) { if (col0 + 0u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 6u) * 2u + col0 + 0u] = acc6_0[0] + params_buf[448u + c0]; } if (col0 + 1u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 6u) * 2u + col0 + 1u] = acc6_0[1] + params_buf[448u + c1]; } if (col0 + 2u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 6u) * 2u + col0 + 2u] = acc6_0[2] + params_buf[448u + c2]; } if (col0 + 3u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 6u) * 2u + col0 + 3u] = acc6_0[3] + params_buf[448u + c3]; } }
  if (row0 + 7u < rows) { if (col0 + 0u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 7u) * 2u + col0 + 0u] = acc7_0[0] + params_buf[448u + c0]; } if (col0 + 1u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 7u) * 2u + col0 + 1u] = acc7_0[1] + params_buf[448u + c1]; } if (col0 + 2u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 7u) * 2u + col0 + 2u] = acc7_0[2] + params_buf[448u + c2]; } if (col0 + 3u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 7u) * 2u + col0 + 3u] = acc7_0[3] + params_buf[448u + c3]; } }
  if (row0 + 8u < rows) { if (col0 + 0u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 8u) * 2u + col0 + 0u] = acc8_0[0] + params_buf[448u + c0]; } if (col0 + 1u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 8u) * 2u + col0 + 1u] = acc8_0[1] + params_buf[448u + c1]; } if (col0 + 2u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 8u) * 2u + col0 + 2u] = acc8_0[2] + params_buf[448u + c2]; } if (col0 + 3u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 8u) * 2u + col0 + 3u] = acc8_0[3] + params_buf[448u + c3]; } }
  if (row0 + 9u < rows) { if (col0 + 0u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 9u) * 2u + col0 + 0u] = acc9_0[0] + params_buf[448u + c0]; } if (col0 + 1u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 9u) * 2u + col0 + 1u] = acc9_0[1] + params_buf[448u + c1]; } if (col0 + 2u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 9u) * 2u + col0 + 2u] = acc9_0[2] + params_buf[448u + c2]; } if (col0 + 3u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 9u) * 2u + col0 + 3u] = acc9_0[3] + params_buf[448u + c3]; } }
  if (row0 + 10u < rows) { if (col0 + 0u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 10u) * 2u + col0 + 0u] = acc10_0[0] + params_buf[448u + c0]; } if (col0 + 1u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 10u) * 2u + col0 + 1u] = acc10_0[1] + params_buf[448u + c1]; } if (col0 + 2u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 10u) * 2u + col0 + 2u] = acc10_0[2] + params_buf[448u + c2]; } if (col0 + 3u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 10u) * 2u + col0 + 3u] = acc10_0[3] + params_buf[448u + c3]; } }
  if (row0 + 11u < rows) { if (col0 + 0u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 11u) * 2u + col0 + 0u] = acc11_0[0] + params_buf[448u + c0]; } if (col0 + 1u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 11u) * 2u + col0 + 1u] = acc11_0[1] + params_buf[448u + c1]; } if (col0 + 2u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 11u) * 2u + col0 + 2u] = acc11_0[2] + params_buf[448u + c2]; } if (col0 + 3u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 11u) * 2u + col0 + 3u] = acc11_0[3] + params_buf[448u + c3]; } }
  if (row0 + 12u < rows) { if (col0 + 0u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 12u) * 2u + col0 + 0u] = acc12_0[0] + params_buf[448u + c0]; } if (col0 + 1u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 12u) * 2u + col0 + 1u] = acc12_0[1] + params_buf[448u + c1]; } if (col0 + 2u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 12u) * 2u + col0 + 2u] = acc12_0[2] + params_buf[448u + c2]; } if (col0 + 3u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 12u) * 2u + col0 + 3u] = acc12_0[3] + params_buf[448u + c3]; } }
  if (row0 + 13u < rows) { if (col0 + 0u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 13u) * 2u + col0 + 0u] = acc13_0[0] + params_buf[448u + c0]; } if (col0 + 1u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 13u) * 2u + col0 + 1u] = acc13_0[1] + params_buf[448u + c1]; } if (col0 + 2u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 13u) * 2u + col0 + 2u] = acc13_0[2] + params_buf[448u + c2]; } if (col0 + 3u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 13u) * 2u + col0 + 3u] = acc13_0[3] + params_buf[448u + c3]; } }
  if (row0 + 14u < rows) { if (col0 + 0u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 14u) * 2u + col0 + 0u] = acc14_0[0] + params_buf[448u + c0]; } if (col0 + 1u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 14u) * 2u + col0 + 1u] = acc14_0[1] + params_buf[448u + c1]; } if (col0 + 2u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 14u) * 2u + col0 + 2u] = acc14_0[2] + params_buf[448u + c2]; } if (col0 + 3u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 14u) * 2u + col0 + 3u] = acc14_0[3] + params_buf[448u + c3]; } }
  if (row0 + 15u < rows) { if (col0 + 0u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 15u) * 2u + col0 + 0u] = acc15_0[0] + params_buf[448u + c0]; } if (col0 + 1u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 15u) * 2u + col0 + 1u] = acc15_0[1] + params_buf[448u + c1]; } if (col0 + 2u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 15u) * 2u + col0 + 2u] = acc15_0[2] + params_buf[448u + c2]; } if (col0 + 3u < 2u) { work_buf[8u * sizes.B * sizes.T + 4u * sizes.B + (row0 + 15u) * 2u + col0 + 3u] = acc15_0[3] + params_buf[448u + c3]; } }
}
