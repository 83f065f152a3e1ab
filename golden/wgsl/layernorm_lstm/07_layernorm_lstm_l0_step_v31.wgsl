// layernorm_lstm_l0_step_v31: one time step of layernorm_lstm_l0: %31 (layernorm_lstm.cell:23)
// one thread per element of [B, 80]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 80u * sizes.B) { return; }
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let i1 = id % 80u;
  let rest = id / 80u;
  let i0 = rest;
  let r = work_buf[112u * sizes.B * sizes.T + 100u * sizes.B + i0 * 80u + i1];
  var sum26 = 0.0;
  for (var k = 0u; k < 80u; k++) {
    let r_2 = work_buf[112u * sizes.B * sizes.T + 100u * sizes.B + i0 * 80u + k];
    sum26 += r_2;
  }
  let div27 = (sum26 / 80.0);
  let sub29 = (r - div27);
  let mul31 = (sub29 * sub29);
  work_buf[112u * sizes.B * sizes.T + 260u * sizes.B + i0 * 80u + i1] = mul31;
}
