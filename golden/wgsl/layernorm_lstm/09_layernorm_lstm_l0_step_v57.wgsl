// layernorm_lstm_l0_step_v57: one time step of layernorm_lstm_l0: %57 (layernorm_lstm.cell:30)
// one thread per element of [B, 20]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 20u * sizes.B) { return; }
  let tau = sizes.step; // time index
  let read_slot = tau;
  let write_slot = tau + 1u;
  let i1 = id % 20u;
  let rest = id / 20u;
  let i0 = rest;
  let c_next = work_buf[112u * sizes.B * sizes.T + 340u * sizes.B + ((sizes.T - 1u - sizes.step) % 2u) * 20u * sizes.B + i0 * 20u + i1];
  var sum51 = 0.0;
  for (var k = 0u; k < 20u; k++) {
    let c_next_2 = work_buf[112u * sizes.B * sizes.T + 340u * sizes.B + ((sizes.T - 1u - sizes.step) % 2u) * 20u * sizes.B + i0 * 20u + k];
    sum51 += c_next_2;
  }
  let mu = (sum51 / 20.0);
  let sub55 = (c_next - mu);
  let mul57 = (sub55 * sub55);
  work_buf[112u * sizes.B * sizes.T + 380u * sizes.B + i0 * 20u + i1] = mul57;
}
